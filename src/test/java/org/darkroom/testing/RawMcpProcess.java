package org.darkroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child Darkroom serving MCP over stdio, driven by hand with raw bytes: for what an SDK client would never send.
 * Its stdout is collected line by line; its stderr goes to {@code stderr.log} in the given folder.
 */
public final class RawMcpProcess implements AutoCloseable {
    private static final String END = "\u0000end";
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private RawMcpProcess(Process process, Path log) {
        this.process = process;
        this.in = process.getOutputStream();
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
            lines.add(END);
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the child with its data directory and stderr log under {@code dir}. */
    public static RawMcpProcess start(Path dir, Map<String, String> settings) throws IOException {
        Path log = dir.resolve("stderr.log");
        Process process = new ProcessBuilder(McpClients.command(dir.resolve("data"), settings))
                .redirectError(log.toFile()).start();
        return new RawMcpProcess(process, log);
    }

    /** Sends {@code message} and a newline. */
    public void send(String message) throws IOException {
        sendBytes((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) throws IOException {
        in.write(bytes);
        in.flush();
    }

    /** {@code initialize} and {@code notifications/initialized}, checking the server answered. */
    public void initialize() throws IOException, InterruptedException {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"by-hand\",\"version\":\"1\"}}}");
        assertThat(next()).contains("\"id\":\"init\"").contains("\"serverInfo\"");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The next line the server wrote, waiting up to 60 s. */
    public String next() throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("a line from the server within 60 s; stderr: %s", stderr()).isNotNull()
                .isNotEqualTo(END);
        return line;
    }

    /** Closes stdin, waits for the process to exit by itself, and returns every line it wrote after that. */
    public List<String> closeAndDrain() throws IOException, InterruptedException {
        in.close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after stdin closed; stderr: %s", stderr())
                .isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> rest = new ArrayList<>();
        for (String line = lines.poll(60, TimeUnit.SECONDS); line != null && !line.equals(END);
             line = lines.poll(60, TimeUnit.SECONDS)) {
            rest.add(line);
        }
        return rest;
    }

    public String stderr() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    /** Kills the child if a test failed before it exited. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
