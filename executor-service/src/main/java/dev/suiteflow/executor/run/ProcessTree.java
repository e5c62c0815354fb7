package dev.suiteflow.executor.run;

import java.util.List;

/** Kills a process together with every process it started. */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Kills the descendants first (while they can still be found through their parent), then the process, then
     * any descendant that appeared in between.
     */
    public static void kill(ProcessHandle process) {
        List<ProcessHandle> first = process.descendants().toList();
        first.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> late = process.descendants().toList();
        late.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        first.forEach(ProcessHandle::destroyForcibly);
    }
}
