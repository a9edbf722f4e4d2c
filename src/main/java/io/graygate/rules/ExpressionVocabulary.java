package io.graygate.rules;

import io.graygate.facts.RuleFact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The words a pattern constraint or a {@code from} source may use. Drools runs those expressions through MVEL,
 * which resolves names by reflection when the rule runs, so they are never compiled into bytes the
 * {@link BytecodeVerifier} could read; they are held instead to the names the {@link Allowlist} allows: the
 * simple names of allowed types, and the methods and properties of those types that it allows.
 */
final class ExpressionVocabulary {
    /** Plain Java types a constraint may name, by simple name (java.lang ones are visible without import). */
    private static final List<Class<?>> JAVA_TYPES = List.of(String.class, Math.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, Byte.class, Character.class, Boolean.class, Number.class,
            java.util.List.class, java.util.Set.class, java.util.Map.class, java.util.Collection.class,
            java.util.Collections.class, java.util.Objects.class, java.util.Optional.class, java.time.Instant.class,
            java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.Duration.class, java.time.Period.class,
            java.time.ZoneOffset.class, java.time.temporal.ChronoUnit.class, java.util.SortedSet.class,
            java.util.Iterator.class);

    private final Map<String, Class<?>> types = new TreeMap<>();
    private final Set<String> methods = new HashSet<>();
    private final Set<String> properties = new HashSet<>();

    private ExpressionVocabulary() {
    }

    /** Built once per process: the fact package and the allowed Java types do not change while it runs. */
    private static final class Shared {
        static final ExpressionVocabulary BASE = build(List.of());
    }

    /** The base vocabulary plus the graygate types a rule set imports by name (those marked {@link RuleFact}). */
    static ExpressionVocabulary forImports(Collection<String> importedClassNames) {
        List<Class<?>> extra = new ArrayList<>();
        for (String name : importedClassNames) {
            try {
                Class<?> c = Class.forName(name, false, ExpressionVocabulary.class.getClassLoader());
                if (c.isAnnotationPresent(RuleFact.class)) {
                    extra.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // an import that does not resolve is the compiler's error to report
            }
        }
        if (extra.isEmpty()) {
            return Shared.BASE;
        }
        ExpressionVocabulary v = new ExpressionVocabulary();
        v.types.putAll(Shared.BASE.types);
        v.methods.addAll(Shared.BASE.methods);
        v.properties.addAll(Shared.BASE.properties);
        extra.forEach(v::add);
        return v;
    }

    private static ExpressionVocabulary build(List<Class<?>> extra) {
        ExpressionVocabulary v = new ExpressionVocabulary();
        factTypes().forEach(v::add);
        JAVA_TYPES.forEach(v::add);
        extra.forEach(v::add);
        return v;
    }

    private void add(Class<?> type) {
        Allowlist allowlist = new Allowlist(Set.of());
        String internal = type.getName().replace('.', '/');
        types.put(type.getSimpleName(), type);
        for (Method method : type.getMethods()) {
            if (!allowlist.allowsMember(internal, method.getName())
                    && !allowlist.allowsMember(method.getDeclaringClass().getName().replace('.', '/'), method.getName())) {
                continue;
            }
            methods.add(method.getName());
            if (method.getParameterCount() == 0 && method.getReturnType() != void.class) {
                properties.add(method.getName());
                properties.add(beanProperty(method.getName()));
            }
        }
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                properties.add(field.getName());
            }
        }
        properties.remove("");
        properties.remove("class");
    }

    /** Adds a type declared in the rules ({@code declare}): its name and its fields. */
    void addDeclared(String simpleName, Collection<String> fields) {
        types.put(simpleName, Object.class);
        for (String field : fields) {
            properties.add(field);
            String capital = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
            methods.add("get" + capital);
            methods.add("is" + capital);
        }
    }

    ExpressionVocabulary copy() {
        ExpressionVocabulary v = new ExpressionVocabulary();
        v.types.putAll(types);
        v.methods.addAll(methods);
        v.properties.addAll(properties);
        return v;
    }

    boolean isType(String simpleName) {
        return types.containsKey(simpleName);
    }

    boolean isMethod(String name) {
        return methods.contains(name);
    }

    boolean isProperty(String name) {
        return properties.contains(name);
    }

    private static String beanProperty(String method) {
        String rest = method.startsWith("get") ? method.substring(3) : method.startsWith("is") ? method.substring(2) : "";
        return rest.isEmpty() ? "" : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    /** Every type of the fact package, read from where the package's classes are (a directory or the jar). */
    private static List<Class<?>> factTypes() {
        String pkg = RuleFact.class.getPackageName();
        String folder = pkg.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        try {
            Path location = Path.of(RuleFact.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(folder))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder) && n.endsWith(".class")
                            && n.indexOf('/', folder.length()) < 0).map(n -> n.substring(folder.length())).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the fact types in " + pkg, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the fact types in " + pkg, e);
        }
        List<Class<?>> types = new ArrayList<>();
        for (String file : names) {
            String name = pkg + "." + file.substring(0, file.length() - ".class".length());
            try {
                Class<?> c = Class.forName(name, false, RuleFact.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    types.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("fact type " + name + " is listed but cannot be loaded", e);
            }
        }
        return types;
    }
}
