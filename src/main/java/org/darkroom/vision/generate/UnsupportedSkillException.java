package org.darkroom.vision.generate;

/** The loaded bundle cannot perform a skill (its config.json has no template for it); nothing was run. */
public class UnsupportedSkillException extends RuntimeException {
    public UnsupportedSkillException(String message) {
        super(message);
    }
}
