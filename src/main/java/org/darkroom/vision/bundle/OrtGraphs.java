package org.darkroom.vision.bundle;

import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One ONNX Runtime session per graph of a {@link MoondreamBundle}, each checked at load time against the graph
 * I/O of the official {@code .mf} bundles (names, element types, ranks and the fixed dimensions), so a wrong or
 * damaged bundle is refused before anything runs.
 *
 * <p>DJL's OnnxRuntime engine is initialised first: it creates the shared {@link OrtEnvironment} with its own
 * thread pool and fails if anything else created the environment before it.
 */
public final class OrtGraphs implements AutoCloseable {
    /** Any size: dynamic (N, T, P) or model-dependent (widths, heads, layers, vocab). */
    private static final long ANY = -1;

    /** A tensor the graph must have: name, element type and shape pattern (its length is the rank). */
    record Tensor(String name, OnnxJavaType type, long... shape) {
        @Override
        public String toString() {
            return name + " " + type + " " + Arrays.stream(shape).mapToObj(d -> d == ANY ? "?" : Long.toString(d))
                    .collect(Collectors.joining(",", "[", "]"));
        }
    }

    /** The inputs and outputs a graph must have, exactly. */
    record Signature(List<Tensor> inputs, List<Tensor> outputs) {
    }

    private static Tensor f16(String name, long... shape) {
        return new Tensor(name, OnnxJavaType.FLOAT16, shape);
    }

    /**
     * The graph I/O of the official bundles (research notes moondream.md §1(a)); "?" dimensions vary with the
     * model size (D, E, H, layers, vocabulary) or per call (N crops, T new tokens, P cached tokens).
     */
    static final Map<String, Signature> EXPECTED = expected();

    private static Map<String, Signature> expected() {
        Map<String, Signature> m = new LinkedHashMap<>();
        m.put("vision_encoder.onnx", new Signature(List.of(f16("input", ANY, 3, 378, 378)),
                List.of(f16("output", ANY, 729, ANY))));
        m.put("vision_projection.onnx", new Signature(List.of(f16("input", 1, 729, ANY)),
                List.of(f16("output", 1, 729, ANY))));
        m.put("text_encoder.onnx", new Signature(List.of(new Tensor("input_ids", OnnxJavaType.INT64, 1, ANY)),
                List.of(f16("input_embeds", 1, ANY, ANY))));
        m.put("text_decoder.onnx", new Signature(
                List.of(f16("input_embeds", 1, ANY, ANY), f16("kv_cache", ANY, 2, 1, ANY, ANY, ANY)),
                List.of(f16("logits", 1, ANY), f16("hidden", 1, ANY, ANY),
                        f16("new_kv_cache", ANY, 2, 1, ANY, ANY, ANY))));
        m.put("coord_encoder.onnx", new Signature(List.of(f16("input", 1)), List.of(f16("output", ANY))));
        m.put("coord_decoder.onnx", new Signature(List.of(f16("input", ANY)), List.of(f16("output", 1024))));
        m.put("size_encoder.onnx", new Signature(List.of(f16("input", 2)), List.of(f16("output", ANY))));
        m.put("size_decoder.onnx", new Signature(List.of(f16("input", ANY)), List.of(f16("output", 2, 1024))));
        return Map.copyOf(m);
    }

    private final OrtEnvironment env;
    private final Map<String, OrtSession> sessions;

    private OrtGraphs(OrtEnvironment env, Map<String, OrtSession> sessions) {
        this.env = env;
        this.sessions = sessions;
    }

    /** {@link #load(MoondreamBundle, int)} with up to four threads per graph call. */
    public static OrtGraphs load(MoondreamBundle bundle) {
        return load(bundle, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Creates and checks a session for every graph of {@code bundle}; refused with a {@link BundleException}.
     *
     * @param threads the threads ONNX Runtime may use inside one graph call
     */
    public static OrtGraphs load(MoondreamBundle bundle, int threads) {
        // Whoever started the JVM, DJL must neither download (engines, tokenizer flavours, zoo models) nor phone
        // home. The environment variables win over these, so the launcher sets them too.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        Engine.getEngine("OnnxRuntime");            // before any OrtEnvironment.getEnvironment(): see class doc
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OrtSession> sessions = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            for (String graph : MoondreamBundle.REQUIRED) {
                Signature signature = EXPECTED.get(graph);
                if (signature == null) {
                    continue;                       // not a graph (tokenizer, config, initial KV cache)
                }
                OrtSession session;
                try {
                    session = env.createSession(bundle.entry(graph), options);
                } catch (OrtException e) {
                    throw new BundleException("The model bundle's graph " + graph + " cannot be loaded by ONNX Runtime ("
                            + e.getMessage() + "): " + BundleException.REMEDY, e);
                }
                sessions.put(graph, session);
                check(graph, "input", signature.inputs(), session.getInputInfo());
                check(graph, "output", signature.outputs(), session.getOutputInfo());
            }
        } catch (OrtException e) {
            closeAll(sessions.values());
            throw new BundleException("ONNX Runtime failed while loading the model bundle (" + e.getMessage() + "): "
                    + BundleException.REMEDY, e);
        } catch (RuntimeException e) {
            closeAll(sessions.values());
            throw e;
        }
        return new OrtGraphs(env, Map.copyOf(sessions));
    }

    private static void check(String graph, String kind, List<Tensor> expected, Map<String, NodeInfo> actual) {
        for (String name : actual.keySet()) {
            if (expected.stream().noneMatch(t -> t.name().equals(name))) {
                throw mismatch(graph, kind, name, "is not expected (expected " + kind + "s " + expected + ")");
            }
        }
        for (Tensor want : expected) {
            NodeInfo node = actual.get(want.name());
            if (node == null) {
                throw mismatch(graph, kind, want.name(), "is missing (the graph has " + kind + "s " + actual.keySet() + ")");
            }
            ValueInfo info = node.getInfo();
            if (!(info instanceof TensorInfo tensor)) {
                throw mismatch(graph, kind, want.name(), "is not a tensor (" + info + "), expected " + want);
            }
            long[] shape = tensor.getShape();
            boolean same = tensor.type == want.type() && shape.length == want.shape().length;
            for (int i = 0; same && i < shape.length; i++) {
                // A dimension the graph leaves symbolic (-1) is accepted; a fixed one must agree.
                same = want.shape()[i] == ANY || shape[i] < 0 || shape[i] == want.shape()[i];
            }
            if (!same) {
                throw mismatch(graph, kind, want.name(), "is " + tensor.type + " " + Arrays.toString(shape)
                        + ", expected " + want);
            }
        }
    }

    private static BundleException mismatch(String graph, String kind, String tensor, String what) {
        return new BundleException("The model bundle's graph " + graph + " does not match Moondream: " + kind + " "
                + tensor + " " + what + ". " + BundleException.REMEDY);
    }

    /** The shared ONNX Runtime environment, for creating input tensors. */
    public OrtEnvironment environment() {
        return env;
    }

    /** The session of {@code graph}, e.g. {@code "text_decoder.onnx"}. */
    public OrtSession session(String graph) {
        OrtSession session = sessions.get(graph);
        if (session == null) {
            throw new IllegalArgumentException("No graph " + graph + "; graphs are " + EXPECTED.keySet());
        }
        return session;
    }

    @Override
    public void close() {
        closeAll(sessions.values());
    }

    private static void closeAll(Iterable<OrtSession> sessions) {
        BundleException failure = null;
        for (OrtSession session : sessions) {
            try {
                session.close();
            } catch (OrtException e) {
                if (failure == null) {
                    failure = new BundleException("Closing an ONNX Runtime session failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
