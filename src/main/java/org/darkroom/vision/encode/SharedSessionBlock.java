package org.darkroom.vision.encode;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.onnxruntime.OrtSession;

/**
 * A DJL block over an ONNX Runtime session that belongs to someone else.
 *
 * <p>The vision encoder's session is created and checked with the bundle's other graphs ({@code OrtGraphs}), which
 * closes it; DJL's own block would close it again when its model closes, and ONNX Runtime refuses a second close.
 */
public final class SharedSessionBlock extends OrtSymbolBlock {
    private SharedSessionBlock(OrtSession session, OrtNDManager manager) {
        super(session, manager);
    }

    /** A DJL model named {@code name} that runs {@code session}; closing the model leaves the session open. */
    public static Model modelOver(String name, OrtSession session) {
        // The CPU by name: DJL's default device would first ask ONNX Runtime for CUDA, which Darkroom never uses,
        // and log a warning on every machine without a GPU.
        Model model = Model.newInstance(name, Device.cpu(), "OnnxRuntime");
        model.setBlock(new SharedSessionBlock(session, (OrtNDManager) model.getNDManager()));
        return model;
    }

    @Override
    public void close() {
        // The session's owner closes it.
    }
}
