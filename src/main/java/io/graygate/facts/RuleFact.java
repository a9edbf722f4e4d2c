package io.graygate.facts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a graygate type outside this package that rules may use as a fact (every public member of it, as
 * for the types of this package). The rule verifier allows no other graygate type: mark only plain values
 * whose methods compute and return, never ones that write, read files or the database, or start anything.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleFact {
}
