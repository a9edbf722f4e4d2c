package io.graygate.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints each skipped or aborted test (or class) with its reason to the console, so that a test that needs
 * Prometheus or Chromium says why it did not run instead of passing silently. Registered through
 * META-INF/services, so every run of the suite has it.
 */
public final class SkipReasons implements TestExecutionListener {
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            System.out.println("SKIPPED " + test.getDisplayName() + ": "
                    + result.getThrowable().map(Throwable::getMessage).orElse("an assumption did not hold"));
        }
    }
}
