package org.shangdang.connectors.marc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.marc4j.marc.VariableField;

/** Subfield access on the marc4j model, with blank values treated as absent. */
final class MarcFields {

    private MarcFields() {
    }

    static List<DataField> dataFields(Record record, String... tags) {
        List<DataField> fields = new ArrayList<>();
        for (VariableField field : record.getVariableFields(tags)) {
            if (field instanceof DataField data) {
                fields.add(data);
            }
        }
        return fields;
    }

    static Optional<String> control(Record record, String tag) {
        for (VariableField field : record.getVariableFields(tag)) {
            if (field instanceof ControlField control && control.getData() != null) {
                return Optional.of(control.getData());
            }
        }
        return Optional.empty();
    }

    static boolean has(Record record, String tag) {
        return !record.getVariableFields(tag).isEmpty();
    }

    /** The non-blank values of a subfield code, stripped, in order; codes are case-sensitive ($a is not $A). */
    static List<String> values(DataField field, char code) {
        List<String> values = new ArrayList<>();
        for (Subfield subfield : field.getSubfields(code)) {
            String data = subfield.getData();
            if (data != null && !data.isBlank()) {
                values.add(data.strip());
            }
        }
        return values;
    }

    static Optional<String> first(DataField field, char code) {
        List<String> values = values(field, code);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static Optional<String> first(List<DataField> fields, char code) {
        for (DataField field : fields) {
            Optional<String> value = first(field, code);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The values of the given codes in field order, stripped of ISBD punctuation. */
    static List<String> inOrder(DataField field, String codes) {
        List<String> values = new ArrayList<>();
        for (Subfield subfield : field.getSubfields()) {
            String data = subfield.getData();
            if (codes.indexOf(subfield.getCode()) >= 0 && data != null && !data.isBlank()) {
                String value = CatalogText.stripIsbd(data);
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** A subject heading: the main part's subfields joined by spaces, then each subdivision after {@code --}. */
    static Optional<String> heading(DataField field, String mainCodes, String subdivisionCodes) {
        StringBuilder heading = new StringBuilder();
        for (Subfield subfield : field.getSubfields()) {
            char code = subfield.getCode();
            String value = CatalogText.stripIsbd(subfield.getData());
            if (value.isEmpty()) {
                continue;
            }
            if (mainCodes.indexOf(code) >= 0) {
                if (!heading.isEmpty()) {
                    heading.append(CatalogText.hasCjk(value) ? "" : " ");
                }
                heading.append(value);
            } else if (subdivisionCodes.indexOf(code) >= 0) {
                if (!heading.isEmpty()) {
                    heading.append("--");
                }
                heading.append(value);
            }
        }
        return heading.isEmpty() ? Optional.empty() : Optional.of(heading.toString());
    }

    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
