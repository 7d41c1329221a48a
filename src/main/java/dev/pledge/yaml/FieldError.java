package dev.pledge.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A document that does not fit the shape of a Kratix object, said in the user's terms: the field path as it is
 * written in YAML ({@code spec.destinationSelectors[0].matchLabels}) and what belongs there ("a list", "true or
 * false"), never Java type names.
 */
public final class FieldError {

    private FieldError() {
    }

    /** {@code spec.x[0].y: expected a list}, or the parser's own words when the problem is not about one field. */
    public static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\" at " + path(unknown);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String found = mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null
                    ? ", found \"" + invalid.getValue() + "\"" : "";
            return path(mismatch) + ": expected " + expected(mismatch.getTargetType()) + found;
        }
        return Yaml.describe(e);
    }

    /** The field path of the problem, {@code (top level)} when it is the document itself. */
    public static String path(JacksonException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "(unknown)";
        }
        StringBuilder path = new StringBuilder();
        for (var ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map of names to values";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object with fields";
    }
}
