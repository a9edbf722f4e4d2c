package io.graygate.rules;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every class the rule compiler produced, as bytes (none is loaded, initialised or run), and holds each
 * method call, field access, {@code new}, {@code invokedynamic} target, array, cast, class literal and type in a
 * signature to the {@link Allowlist}. A type the compiler generated (a rule's class, a function, a declared
 * type) is allowed as a reference because its own bytes are verified too.
 */
final class BytecodeVerifier {
    /** Where in a generated class something forbidden is: the class, the line of the generated source, what. */
    record Finding(String className, int generatedLine, String what) {
    }

    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";
    private static final String GENERATED_FACT = "org/drools/base/factmodel/GeneratedFact";
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", "java/lang/invoke/StringConcatFactory.makeConcat");

    private final Map<String, ClassNode> classes = new LinkedHashMap<>();
    private final Allowlist allowlist;

    BytecodeVerifier(Map<String, byte[]> classFiles) {
        for (byte[] bytes : classFiles.values()) {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            classes.put(node.name, node);
        }
        this.allowlist = new Allowlist(classes.keySet());
    }

    List<Finding> verify() {
        List<Finding> findings = new ArrayList<>();
        for (ClassNode node : classes.values()) {
            new ClassCheck(node, findings).run();
        }
        return findings;
    }

    /**
     * The invoker classes Drools writes from its own templates: they implement its invoker interface, are
     * top-level, and their source is their own (the engine's ASM generator writes none). A class injected by a
     * rule's text sits in the rule's or function's source file, so it never passes as one.
     */
    private static boolean isEngineInvoker(ClassNode node) {
        String simple = node.name.substring(node.name.lastIndexOf('/') + 1);
        boolean nested = node.nestHostClass != null || node.outerClass != null
                || node.innerClasses.stream().anyMatch(inner -> inner.name.equals(node.name));
        return node.interfaces.contains(COMPILED_INVOKER) && !nested
                && (node.sourceFile == null || node.sourceFile.equals(simple + ".java"));
    }

    /** A type written by Drools' class builder from a {@code declare}: its source is named by the dotted type. */
    private static boolean isDeclaredType(ClassNode node) {
        return node.interfaces.contains(GENERATED_FACT) && node.sourceFile != null
                && node.sourceFile.equals(node.name.replace('/', '.') + ".java");
    }

    private final class ClassCheck {
        private final ClassNode node;
        private final List<Finding> findings;
        private final boolean plumbing;
        private final boolean declared;
        private int line;

        ClassCheck(ClassNode node, List<Finding> findings) {
            this.node = node;
            this.findings = findings;
            this.plumbing = isEngineInvoker(node);
            this.declared = isDeclaredType(node);
        }

        void run() {
            line = 0;
            if (node.superName != null && !node.superName.equals("java/lang/Object") && !allowlist.isGenerated(node.superName)) {
                refuse("extends " + dotted(node.superName));
            }
            node.interfaces.forEach(i -> type(i, "implements"));
            for (FieldNode field : node.fields) {
                type(Type.getType(field.desc), "field " + field.name + " of type");
            }
            for (MethodNode method : node.methods) {
                method(method);
            }
        }

        private void method(MethodNode method) {
            line = 0;
            Type methodType = Type.getMethodType(method.desc);
            for (Type argument : methodType.getArgumentTypes()) {
                type(argument, "parameter of type");
            }
            type(methodType.getReturnType(), "return type");
            if (method.exceptions != null) {
                method.exceptions.forEach(e -> type(e, "throws"));
            }
            for (TryCatchBlockNode handler : method.tryCatchBlocks) {
                if (handler.type != null) {
                    type(handler.type, "catches");
                }
            }
            if (method.localVariables != null) {
                for (LocalVariableNode local : method.localVariables) {
                    type(Type.getType(local.desc), "local variable " + local.name + " of type");
                }
            }
            for (AbstractInsnNode insn : method.instructions) {
                instruction(insn);
            }
        }

        private void instruction(AbstractInsnNode insn) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            } else if (insn instanceof MethodInsnNode call) {
                member(call.owner, call.name, call.name.equals("<init>") ? "new " + dotted(call.owner) : "calls "
                        + dotted(call.owner) + "." + call.name);
            } else if (insn instanceof FieldInsnNode field) {
                field(field);
            } else if (insn instanceof TypeInsnNode typeInsn) {
                type(typeInsn.desc, switch (typeInsn.getOpcode()) {
                    case Opcodes.NEW -> "new";
                    case Opcodes.ANEWARRAY -> "array of";
                    case Opcodes.CHECKCAST -> "cast to";
                    default -> "instanceof";
                });
            } else if (insn instanceof MultiANewArrayInsnNode array) {
                type(array.desc, "array of");
            } else if (insn instanceof LdcInsnNode ldc) {
                constant(ldc.cst);
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                invokeDynamic(indy);
            }
        }

        private void field(FieldInsnNode field) {
            String name = dotted(field.owner) + "." + field.name;
            switch (field.getOpcode()) {
                case Opcodes.PUTSTATIC -> refuse("writes the static field " + name);
                case Opcodes.PUTFIELD -> {
                    if (!allowlist.isGenerated(field.owner)) {
                        refuse("writes the field " + name);
                    }
                }
                default -> {
                    if (!allowlist.isGenerated(field.owner) && !allowlist.allowsMember(field.owner, field.name)) {
                        refuse("reads " + name);
                    }
                }
            }
        }

        private void constant(Object cst) {
            if (cst instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    refuse("a method-type constant " + t);
                } else {
                    type(t, "class literal");
                }
            } else if (cst instanceof Handle handle) {
                refuse("a method handle to " + dotted(handle.getOwner()) + "." + handle.getName());
            } else if (cst instanceof ConstantDynamic dynamic) {
                refuse("a dynamic constant " + dynamic.getName());
            }
        }

        private void invokeDynamic(InvokeDynamicInsnNode indy) {
            String bootstrap = indy.bsm.getOwner() + "." + indy.bsm.getName();
            if (!BOOTSTRAPS.contains(bootstrap)) {
                refuse("invokedynamic bootstrapped by " + dotted(indy.bsm.getOwner()) + "." + indy.bsm.getName());
                return;
            }
            Type callSite = Type.getMethodType(indy.desc);
            type(callSite.getReturnType(), "lambda of type");
            for (Object argument : indy.bsmArgs) {
                if (argument instanceof Handle target) {
                    member(target.getOwner(), target.getName(), "a lambda or method reference to "
                            + dotted(target.getOwner()) + "::" + target.getName());
                } else if (argument instanceof Type t && t.getSort() == Type.METHOD) {
                    for (Type argType : t.getArgumentTypes()) {
                        type(argType, "lambda parameter of type");
                    }
                    type(t.getReturnType(), "lambda result of type");
                }
            }
        }

        private void member(String owner, String name, String what) {
            if (owner.equals(node.name) && !name.equals("getClass")) {
                return;
            }
            if (declared && (name.equals("getClass") && (owner.equals(node.name) || owner.equals("java/lang/Object"))
                    || owner.equals("java/lang/Class") && name.equals("getSimpleName"))) {
                return; // the declared type's generated equals compares classes, its toString names its class
            }
            boolean allowed = plumbing ? allowlist.allowsPlumbing(owner, name) : allowlist.allowsMember(owner, name);
            if (!allowed) {
                refuse(what);
            }
        }

        private void type(Type t, String what) {
            if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
                type(t.getSort() == Type.ARRAY ? t.getDescriptor() : t.getInternalName(), what);
            }
        }

        private void type(String internalOrArray, String what) {
            boolean allowed = plumbing ? allowlist.allowsPlumbingType(internalOrArray) : allowlist.allowsType(internalOrArray);
            if (!allowed) {
                refuse(what + " " + Type.getType(internalOrArray.startsWith("[") ? internalOrArray
                        : "L" + internalOrArray + ";").getClassName());
            }
        }

        private void refuse(String what) {
            findings.add(new Finding(node.name, line, what));
        }
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
