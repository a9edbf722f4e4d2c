package io.graygate.rules;

import io.graygate.facts.RuleFact;

import java.util.Map;
import java.util.Set;

/**
 * What code compiled from rule files may touch: types by their JVM internal name, members by owner and name.
 * Everything not listed is refused. The list is the fact model (every type of {@code io.graygate.facts} and
 * the graygate types marked {@link RuleFact}), plain Java values ({@code String}, boxed numbers,
 * {@code java.util} collections and streams, {@code java.time}), and the few Drools calls the engine
 * generates for {@code insert}, {@code delete}, {@code update} and {@code modify}. docs/RULES.md explains
 * how to ask for a member to be added.
 */
final class Allowlist {
    /** Members no receiver may call: they reach the class, its loader, threads' monitors or the finalizer. */
    private static final Set<String> NEVER = Set.of("getClass", "wait", "notify", "notifyAll", "finalize",
            "parallel", "parallelStream");

    /** Types of which every public member is allowed (but {@link #NEVER} and {@link #EXCEPT}). */
    private static final Set<String> WHOLE_TYPES = Set.of(
            "java/lang/String", "java/lang/StringBuilder", "java/lang/CharSequence", "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Integer", "java/lang/Long", "java/lang/Double", "java/lang/Float", "java/lang/Short", "java/lang/Byte",
            "java/lang/Character", "java/lang/Boolean", "java/lang/Number", "java/lang/Comparable", "java/lang/Iterable",
            "java/lang/Enum", "java/lang/Record",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/RoundingMode", "java/math/MathContext",
            "java/util/Collection", "java/util/List", "java/util/ArrayList", "java/util/LinkedList", "java/util/Set",
            "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/SortedSet", "java/util/NavigableSet",
            "java/util/Map", "java/util/Map$Entry", "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap",
            "java/util/SortedMap", "java/util/NavigableMap", "java/util/EnumMap", "java/util/EnumSet", "java/util/Deque",
            "java/util/ArrayDeque", "java/util/Queue", "java/util/PriorityQueue", "java/util/Iterator", "java/util/ListIterator",
            "java/util/Collections", "java/util/Arrays", "java/util/Objects", "java/util/Optional", "java/util/OptionalInt",
            "java/util/OptionalLong", "java/util/OptionalDouble", "java/util/Comparator", "java/util/StringJoiner",
            "java/util/DoubleSummaryStatistics", "java/util/IntSummaryStatistics", "java/util/LongSummaryStatistics",
            "java/util/AbstractMap$SimpleEntry", "java/util/AbstractMap$SimpleImmutableEntry", "java/util/Locale",
            "java/util/stream/Stream", "java/util/stream/IntStream", "java/util/stream/LongStream",
            "java/util/stream/DoubleStream", "java/util/stream/BaseStream", "java/util/stream/Collectors",
            "java/util/stream/Collector", "java/util/stream/Stream$Builder");

    /** Packages whose types are values: every public member allowed (but {@link #NEVER}). */
    private static final Set<String> WHOLE_PACKAGES = Set.of("java/util/function/", "java/time/", "java/time/format/",
            "java/time/temporal/", "io/graygate/facts/");

    /** Members of otherwise allowed types that reach outside: system properties and process-wide defaults. */
    private static final Map<String, Set<String>> EXCEPT = Map.of(
            "java/lang/Integer", Set.of("getInteger"),
            "java/lang/Long", Set.of("getLong"),
            "java/lang/Boolean", Set.of("getBoolean"),
            "java/util/Locale", Set.of("setDefault"));

    /** Types of which only the listed members are allowed. */
    private static final Map<String, Set<String>> ONLY = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of("<init>", "equals", "hashCode", "toString")),
            Map.entry("java/lang/Throwable", Set.of("getMessage")),
            Map.entry("java/lang/Exception", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/RuntimeException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/IllegalArgumentException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/IllegalStateException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/ArithmeticException", Set.of("<init>", "getMessage")),
            // the calls a consequence's insert, insertLogical, delete, retract, update and modify compile to
            Map.entry("org/drools/core/rule/consequence/KnowledgeHelper", Set.of("insert", "insertLogical", "delete",
                    "retract", "update", "modifyRetract", "modifyInsert", "getFactHandle")),
            Map.entry("org/drools/util/bitmask/BitMask", Set.of("set", "setAll", "reset", "isSet", "isAllSet",
                    "isEmpty", "intersects")),
            Map.entry("org/drools/util/bitmask/LongBitMask", Set.of("<init>", "set", "setAll", "reset")),
            Map.entry("org/drools/util/bitmask/AllSetBitMask", Set.of("get")),
            Map.entry("org/drools/util/bitmask/OpenBitSet", Set.of("<init>", "set")),
            Map.entry("org/drools/util/bitmask/EmptyBitMask", Set.of("get")));

    /** Types that may appear in signatures (and so in casts) but have no allowed member beyond {@link #ONLY}. */
    private static final Set<String> SIGNATURE_TYPES = Set.of("java/io/Serializable", "java/io/Externalizable",
            "java/io/IOException", "java/lang/ClassNotFoundException",
            "java/io/ObjectInput", "java/io/ObjectOutput", "java/lang/Class", "java/lang/Void",
            "org/kie/api/runtime/rule/FactHandle", "org/drools/base/factmodel/GeneratedFact",
            "org/drools/base/rule/accessor/CompiledInvoker", "org/drools/mvel/asm/ConsequenceStub",
            "org/drools/mvel/asm/EvalStub", "org/drools/base/rule/consequence/ConsequenceContext",
            "org/drools/base/base/ValueResolver", "org/drools/base/reteoo/BaseTuple", "org/drools/base/rule/Declaration",
            "org/drools/base/rule/accessor/Accumulator", "org/drools/base/rule/accessor/ReturnValueExpression",
            "org/drools/base/rule/accessor/EvalExpression", "org/drools/base/rule/consequence/Consequence",
            "org/drools/base/rule/accessor/FieldValue", "org/kie/api/runtime/rule/RuleContext",
            "org/drools/core/rule/consequence/KnowledgeHelper", "org/drools/core/WorkingMemory",
            "org/drools/core/reteoo/Tuple", "org/drools/core/common/ReteEvaluator");

    /**
     * The engine's own plumbing, allowed only in the invoker classes Drools writes from its templates (never
     * in a rule's consequence, eval, accumulate or function): how an invoker reaches its rule and reads its
     * own bytecode to compare it on an incremental build.
     */
    private static final Map<String, Set<String>> PLUMBING = Map.ofEntries(
            Map.entry("org/drools/base/rule/accessor/CompiledInvoker", Set.of("getMethodBytecode")),
            Map.entry("org/drools/mvel/asm/ConsequenceGenerator", Set.of("generate")),
            Map.entry("org/drools/mvel/asm/EvalGenerator", Set.of("generate")),
            Map.entry("org/drools/mvel/asm/MethodComparator", Set.of("compareBytecode", "getMethodBytecode")),
            Map.entry("org/drools/mvel/field/FieldFactory", Set.of("getInstance", "getFieldValue")),
            Map.entry("org/drools/base/rule/Declaration", Set.of("getValue", "getIntValue", "getLongValue",
                    "getDoubleValue", "getFloatValue", "getShortValue", "getByteValue", "getCharValue", "getBooleanValue",
                    "getIdentifier", "getHashCode", "isGlobal", "getExtractor")),
            Map.entry("org/drools/base/rule/accessor/EvalExpression", Set.of("evaluate", "createContext", "clone")),
            Map.entry("org/drools/base/rule/consequence/Consequence", Set.of("evaluate", "getName")),
            Map.entry("org/drools/base/rule/accessor/Accumulator", Set.of("createContext", "init", "accumulate",
                    "tryReverse", "getResult", "supportsReverse")),
            Map.entry("org/drools/base/rule/accessor/ReturnValueExpression", Set.of("evaluate", "createContext")),
            Map.entry("org/kie/api/runtime/rule/FactHandle", Set.of("getObject")),
            Map.entry("java/lang/Object", Set.of("getClass")),
            Map.entry("java/lang/Class", Set.of("getClassLoader", "getSimpleName", "getName")),
            Map.entry("java/lang/ClassLoader", Set.of("getResourceAsStream")),
            Map.entry("java/io/InputStream", Set.of("read", "close")),
            Map.entry("java/io/ByteArrayOutputStream", Set.of("<init>", "write", "toString", "toByteArray")));

    /** Decides graygate's own types: facts and types marked {@link RuleFact}; the rest of graygate is refused. */
    private final ClassLoader appLoader = Allowlist.class.getClassLoader();
    private final Set<String> generated;

    /** @param generated internal names of the classes this compilation produced; they are verified themselves */
    Allowlist(Set<String> generated) {
        this.generated = Set.copyOf(generated);
    }

    boolean isGenerated(String type) {
        return generated.contains(type);
    }

    /** A type named in a signature, cast, {@code instanceof}, array or class literal. */
    boolean allowsType(String type) {
        String element = elementType(type);
        if (element == null) {
            return true; // primitive
        }
        return generated.contains(element) || whole(element) || ONLY.containsKey(element)
                || SIGNATURE_TYPES.contains(element);
    }

    /** A type named in an engine-written invoker class. */
    boolean allowsPlumbingType(String type) {
        String element = elementType(type);
        return allowsType(type) || PLUMBING.containsKey(element);
    }

    /** A method call, field read or {@code new}: may user code (a consequence, eval, function...) use it? */
    boolean allowsMember(String owner, String name) {
        if (owner.startsWith("[")) {
            // arrays: clone and length only, of an allowed element type
            return name.equals("clone") && allowsType(owner);
        }
        if (NEVER.contains(name)) {
            return false;
        }
        if (generated.contains(owner)) {
            return true;
        }
        if (ONLY.containsKey(owner)) {
            return ONLY.get(owner).contains(name);
        }
        return whole(owner) && !EXCEPT.getOrDefault(owner, Set.of()).contains(name);
    }

    /** The same question for the invoker classes the engine writes from its own templates. */
    boolean allowsPlumbing(String owner, String name) {
        return PLUMBING.getOrDefault(owner, Set.of()).contains(name) || allowsMember(owner, name);
    }

    private boolean whole(String type) {
        if (WHOLE_TYPES.contains(type)) {
            return true;
        }
        int slash = type.lastIndexOf('/');
        String pkg = type.substring(0, slash + 1);
        if (WHOLE_PACKAGES.contains(pkg)) {
            return true;
        }
        return type.startsWith("io/graygate/") && markedRuleFact(type);
    }

    private boolean markedRuleFact(String type) {
        try {
            // loaded, not initialised: nothing of the type runs to answer
            Class<?> c = Class.forName(type.replace('/', '.'), false, appLoader);
            return c.isAnnotationPresent(RuleFact.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The element type of an internal name or array descriptor; null for a primitive. */
    private static String elementType(String type) {
        String t = type;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        if (t.length() == 1) {
            return null;
        }
        if (t.startsWith("L") && t.endsWith(";")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
