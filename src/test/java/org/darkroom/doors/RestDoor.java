package org.darkroom.doors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.Samples;

/** The HTTP door: each provocation as a real request to {@code /v1/flows/…}, each refusal as problem JSON. */
final class RestDoor implements Door {
    private final ContractServices services;

    RestDoor(ContractServices services) {
        this.services = services;
    }

    @Override
    public Optional<String> assertRefuses(Provocation provocation, ErrorCode code) throws Exception {
        return Optional.of(ProblemAnswers.assertProblem(answer(provocation), code, services.leaks()));
    }

    private HttpResponse<byte[]> answer(Provocation provocation) throws Exception {
        if (provocation instanceof Provocation.Image image) {
            return send(post(path(image.flow(), image.params()), image));
        }
        if (provocation instanceof Provocation.UnknownFlow unknown) {
            return send(post(path(unknown.flow(), Map.of()),
                    Provocation.image(unknown.flow(), Samples.get("plain.jpg"), "plain.jpg")));
        }
        if (provocation instanceof Provocation.Url url) {
            return send(services.request("/v1/flows/thumbnail").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url.url() + "\"}")));
        }
        if (provocation instanceof Provocation.UnknownPath) {
            return send(services.request("/v1/nothing-here").GET());
        }
        if (provocation instanceof Provocation.WrongMethod) {
            return send(services.request("/v1/flows/thumbnail").DELETE());
        }
        if (provocation instanceof Provocation.NoKey) {
            return send(services.http().request("/v1/flows/info").header("Content-Type", "image/jpeg")
                    .POST(plainJpeg()));
        }
        if (provocation instanceof Provocation.Slow) {
            return send(slow());
        }
        if (provocation instanceof Provocation.OneTooMany) {
            return oneTooMany();
        }
        if (provocation instanceof Provocation.WhileNotReady) {
            return whileNotReady();
        }
        throw Door.cannotExpress("HTTP", provocation);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        return services.http().send(request.build());
    }

    private HttpRequest.Builder post(String path, Provocation.Image image) throws IOException {
        return services.request(path).header("Content-Type", mediaType(image.name()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(image.file())));
    }

    private HttpRequest.Builder slow() {
        return services.request(path("transform", Map.of("operations", ContractServices.SLOW_OPERATIONS)))
                .header("Content-Type", "image/jpeg").POST(plainJpeg());
    }

    private HttpResponse<byte[]> oneTooMany() {
        return OneTooMany.provoke(() -> send(slow()), () -> send(services.request("/v1/flows/info")
                .header("Content-Type", "image/jpeg").POST(plainJpeg())), answer -> answer.statusCode() == 429);
    }

    private HttpResponse<byte[]> whileNotReady() throws IOException {
        services.policy().weaken();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> services.readiness() == 503);
            return send(services.request("/v1/flows/info").header("Content-Type", "image/jpeg").POST(plainJpeg()));
        } finally {
            services.policy().restore();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> services.readiness() == 200);
        }
    }

    private static HttpRequest.BodyPublisher plainJpeg() {
        try {
            return HttpRequest.BodyPublishers.ofFile(Samples.get("plain.jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String flow, Map<String, Object> params) {
        String query = params.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(String.valueOf(entry.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "/v1/flows/" + flow + (query.isEmpty() ? "" : "?" + query);
    }

    /** The media type a client declares for a file of this name, as curl and browsers do. */
    static String mediaType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "dng" -> "image/x-adobe-dng";
            default -> "application/octet-stream";
        };
    }
}
