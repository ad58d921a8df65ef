package org.darkroom.doors;

import java.util.Optional;
import org.darkroom.flow.ErrorCode;

/** One door as the contract suite drives it: provoke a refusal, and check the door rendered it as its users expect. */
interface Door {

    /**
     * Sends {@code provocation} through this door, asserts the door's rendering of {@code code}, and returns the
     * sentence the user is shown (empty where the rendering has none, such as a file left waiting in its inbox).
     */
    Optional<String> assertRefuses(Provocation provocation, ErrorCode code) throws Exception;

    /** Fails the test for a row that lists this door although the door cannot express the provocation. */
    static AssertionError cannotExpress(String door, Provocation provocation) {
        return new AssertionError(door + " cannot express " + provocation + "; take it off the row");
    }
}
