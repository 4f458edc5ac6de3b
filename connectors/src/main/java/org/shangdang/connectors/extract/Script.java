package org.shangdang.connectors.extract;

import java.util.List;

/** The Chinese script a scan is declared to be in, which picks the Tesseract model(s) to run. */
public enum Script {
    /** 简体: {@code chi_sim}. */
    SIMPLIFIED(List.of("chi_sim")),
    /** 繁體, as most 古籍 are: {@code chi_tra}. */
    TRADITIONAL(List.of("chi_tra")),
    /** Not declared: both models run and the result with the higher mean confidence is kept. */
    UNKNOWN(List.of("chi_sim", "chi_tra"));

    private final List<String> models;

    Script(List<String> models) {
        this.models = models;
    }

    /** The Tesseract language models to try, in order. */
    public List<String> models() {
        return models;
    }
}
