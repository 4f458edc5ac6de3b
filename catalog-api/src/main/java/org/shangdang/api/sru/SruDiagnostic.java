package org.shangdang.api.sru;

/**
 * A standard SRU diagnostic ({@code info:srw/diagnostic/1/<code>}) that ends a request: answered inside the
 * response's {@code diagnostics}, never as an HTTP error.
 */
public final class SruDiagnostic extends RuntimeException {

    public static final int GENERAL_SYSTEM_ERROR = 1;
    public static final int UNSUPPORTED_OPERATION = 4;
    public static final int UNSUPPORTED_VERSION = 5;
    public static final int UNSUPPORTED_PARAMETER_VALUE = 6;
    public static final int MANDATORY_PARAMETER_NOT_SUPPLIED = 7;
    public static final int UNSUPPORTED_PARAMETER = 8;
    public static final int QUERY_SYNTAX_ERROR = 10;
    public static final int TOO_MANY_CHARACTERS_IN_QUERY = 12;
    public static final int INVALID_PARENTHESES = 13;
    public static final int INVALID_QUOTES = 14;
    public static final int UNSUPPORTED_CONTEXT_SET = 15;
    public static final int UNSUPPORTED_INDEX = 16;
    public static final int UNSUPPORTED_RELATION = 19;
    public static final int UNSUPPORTED_RELATION_MODIFIER = 20;
    public static final int EMPTY_TERM = 27;
    public static final int MASKING_NOT_SUPPORTED = 28;
    public static final int ANCHORING_NOT_SUPPORTED = 31;
    public static final int INVALID_TERM_FORMAT = 36;
    public static final int UNSUPPORTED_BOOLEAN = 37;
    public static final int UNSUPPORTED_BOOLEAN_MODIFIER = 46;
    public static final int TOO_MANY_MATCHING_RECORDS = 60;
    public static final int FIRST_RECORD_OUT_OF_RANGE = 61;
    public static final int UNKNOWN_SCHEMA = 66;
    public static final int UNSUPPORTED_RECORD_PACKING = 71;
    public static final int XPATH_UNSUPPORTED = 72;
    public static final int SORT_NOT_SUPPORTED = 80;
    public static final int STYLESHEETS_NOT_SUPPORTED = 110;

    private final int code;
    private final String details;

    /**
     * @param code the number in {@code info:srw/diagnostic/1/}
     * @param details what the standard calls details: the offending index, relation, parameter or value
     * @param message a readable explanation
     */
    public SruDiagnostic(int code, String details, String message) {
        super(message);
        this.code = code;
        this.details = details == null ? "" : details;
    }

    public int code() {
        return code;
    }

    public String uri() {
        return "info:srw/diagnostic/1/" + code;
    }

    public String details() {
        return details;
    }
}
