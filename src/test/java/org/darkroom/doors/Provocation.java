package org.darkroom.doors;

import java.nio.file.Path;
import java.util.Map;

/**
 * Something a caller does to a door that should be refused, said once for every door: each door turns it into its
 * own kind of request (a dropped file, an HTTP call, an MCP tool call) or says it cannot express it.
 */
sealed interface Provocation {

    /** An input for {@code flow}, named {@code name} by the caller (the name carries the type the caller claims). */
    record Image(String flow, Path file, String name, Map<String, Object> params) implements Provocation {
        Image with(String parameter, Object value) {
            Map<String, Object> more = new java.util.LinkedHashMap<>(params);
            more.put(parameter, value);
            return new Image(flow, file, name, more);
        }
    }

    /** A call to a flow that does not exist. */
    record UnknownFlow(String flow) implements Provocation {
    }

    /** An image to be fetched from {@code url}. */
    record Url(String url) implements Provocation {
    }

    /** An input the caller may not read: a file outside the door's roots, reached through a link where it must be. */
    record OutsideRoot() implements Provocation {
    }

    /** An input that is not a regular file (a named pipe). */
    record NotAFile() implements Provocation {
    }

    /** An input whose name cannot be carried through (it holds a backslash). */
    record BadName() implements Provocation {
    }

    /** A request for a path nothing is served at. */
    record UnknownPath() implements Provocation {
    }

    /** A request with a method its path does not take. */
    record WrongMethod() implements Provocation {
    }

    /** A request without the API key. */
    record NoKey() implements Provocation {
    }

    /** A job that runs past ImageMagick's time limit. */
    record Slow() implements Provocation {
    }

    /** One request more while the service is at its limit of work in progress. */
    record OneTooMany() implements Provocation {
    }

    /** A request while ImageMagick fails its periodic check (its policy was swapped for a weak one). */
    record WhileNotReady() implements Provocation {
    }

    static Image image(String flow, Path file, String name) {
        return new Image(flow, file, name, Map.of());
    }
}
