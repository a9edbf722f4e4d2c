package io.graygate.release.agents;

/** What an agent's apply came to. */
public enum ApplyResult {
    /** The env file holds the state and the apply command (if any) exited 0. */
    APPLIED,
    /** The env file was written but the apply command failed or ran out of time: the strategy may not run it. */
    FAILED,
    /** The service was silent too long: the agent wrote the baseline and applied it by itself (funds first). */
    FAIL_SAFE;

    /** Whether the strategy runs the reported state: the apply went through. */
    public boolean effective() {
        return this != FAILED;
    }
}
