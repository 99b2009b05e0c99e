package kotoba.trainer.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspace the hand-written layers compute in, so that a training step reuses the same off-heap memory
 * for its temporaries instead of allocating (and later garbage-collecting) hundreds of buffers: profiling showed
 * buffer allocation taking more time than the arithmetic. Arrays in it are valid until it is next opened; what must
 * outlive a call is copied out (into DL4J's workspaces, or a layer's kept buffers).
 */
final class LayerWorkspaces {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private static final String SCRATCH = "kotoba-layer-scratch";

    private LayerWorkspaces() {
    }

    /** Opens the scratch workspace (per thread, shared by all layers: they run one at a time). */
    static MemoryWorkspace scratch() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, SCRATCH);
    }
}
