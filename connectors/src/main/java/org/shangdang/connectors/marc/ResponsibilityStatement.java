package org.shangdang.connectors.marc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shangdang.record.Creator;

/**
 * Reads the creators out of a Chinese statement of responsibility (CNMARC 200$f/$g, a Dublin Core
 * contributor such as {@code 叶震 主编}): {@code 国家统计局编} is 国家统计局 with role 编;
 * {@code 主编季野, 张西明, 张弢...[等]} is three 主编; {@code (清)蒲松龄著} is 蒲松龄, 著; a 方志's {@code (清)张淑渠修} is 张淑渠, 修.
 *
 * <p>Used only where a record has no added-entry fields, so it errs towards keeping names whole. Thread-safe.
 */
public final class ResponsibilityStatement {

    /** Role words, longest first so that 主编 wins over 编. */
    private static final List<String> ROLES = List.of(
            "副主编", "主编", "编著", "编纂", "编辑", "编选", "编译", "选编", "汇编", "改编", "编写", "编绘", "合著",
            "原著", "校注", "校点", "点校", "注释", "译注", "整理", "翻译", "摄影", "执笔", "口述", "审定", "审校",
            "纂修", "重修", "监修", "评点", "批注", "笺注", "集解", "校勘",
            "著", "撰", "编", "译", "注", "辑", "纂", "修", "绘", "摄", "校", "述").stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    private static final Pattern GROUP_SEPARATOR = Pattern.compile("[;；]");
    private static final Pattern NAME_SEPARATOR = Pattern.compile("[,，、]");
    private static final Pattern ET_AL = Pattern.compile("(?:\\.{2,}|…+|⋯+)?\\s*[\\[［(（]?等[\\]］)）]?\\s*$");
    // Dynasty or nationality before a name: (清), （美）, [唐], 〔宋〕.
    private static final Pattern BRACKETED_PREFIX = Pattern.compile("^[\\[［(（〔【][^\\]］)）〕】]{1,4}[\\]］)）〕】]\\s*");

    private ResponsibilityStatement() {
    }

    /**
     * The creators a statement names, in order, each with the role word that applies to it (its own, or the
     * one that closes or opens its group); empty for a blank statement.
     */
    public static List<Creator> creators(String statement) {
        List<Creator> creators = new ArrayList<>();
        if (statement == null || statement.isBlank()) {
            return creators;
        }
        for (String group : GROUP_SEPARATOR.split(statement)) {
            creators.addAll(group(group));
        }
        return creators;
    }

    private static List<Creator> group(String group) {
        List<String> tokens = new ArrayList<>();
        for (String part : NAME_SEPARATOR.split(group)) {
            String token = part.strip();
            // CJK names are separated by spaces too (叶震 主编 李强); Latin names keep their spaces.
            if (CatalogText.hasCjk(token) && !token.matches(".*[A-Za-z].*")) {
                for (String piece : token.split("\\s+")) {
                    tokens.add(piece);
                }
            } else {
                tokens.add(token);
            }
        }
        List<String> names = new ArrayList<>();
        List<Optional<String>> roles = new ArrayList<>();
        Optional<String> leadingRole = Optional.empty();
        for (String raw : tokens) {
            String token = ET_AL.matcher(raw.strip()).replaceFirst("").strip();
            token = BRACKETED_PREFIX.matcher(token).replaceFirst("").strip();
            if (token.isEmpty()) {
                continue;
            }
            Optional<String> whole = roleEqualTo(token);
            if (whole.isPresent()) {
                // A bare role word ("叶震 主编") belongs to the name before it.
                if (!names.isEmpty() && roles.get(roles.size() - 1).isEmpty()) {
                    roles.set(roles.size() - 1, whole);
                }
                continue;
            }
            Optional<String> prefix = names.isEmpty() ? rolePrefix(token) : Optional.empty();
            if (prefix.isPresent()) {
                leadingRole = prefix;
                token = token.substring(prefix.get().length()).strip();
            }
            Optional<String> suffix = roleSuffix(token);
            if (suffix.isPresent()) {
                token = token.substring(0, token.length() - suffix.get().length()).strip();
            }
            token = ET_AL.matcher(token).replaceFirst("").strip();
            if (!token.isEmpty()) {
                names.add(token);
                roles.add(suffix);
            }
        }
        Optional<String> closingRole = roles.isEmpty() ? Optional.empty() : roles.get(roles.size() - 1);
        Optional<String> groupRole = closingRole.isPresent() ? closingRole : leadingRole;
        List<Creator> creators = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            creators.add(Creator.of(names.get(i), roles.get(i).or(() -> groupRole).orElse(null)));
        }
        return creators;
    }

    private static Optional<String> roleEqualTo(String token) {
        return ROLES.stream().filter(token::equals).findFirst();
    }

    private static Optional<String> rolePrefix(String token) {
        // Only two-character roles open a statement (主编季野); a one-character 编 could begin a name.
        return ROLES.stream().filter(r -> r.length() >= 2 && token.startsWith(r) && token.length() > r.length())
                .findFirst();
    }

    private static Optional<String> roleSuffix(String token) {
        return ROLES.stream().filter(r -> token.endsWith(r) && token.length() > r.length()
                && CatalogText.hasCjk(token.substring(0, token.length() - r.length()))).findFirst();
    }
}
