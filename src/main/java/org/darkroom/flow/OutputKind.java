package org.darkroom.flow;

/** What a flow gives back, so doors know whether to expect an image, a JSON record, or both. */
public enum OutputKind {
    IMAGE, JSON, IMAGE_AND_JSON;

    public boolean hasImage() {
        return this != JSON;
    }
}
