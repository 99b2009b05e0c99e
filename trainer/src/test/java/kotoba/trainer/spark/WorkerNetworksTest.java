package kotoba.trainer.spark;

import kotoba.trainer.train.TinyLm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WorkerNetworksTest {

    private static ComputationGraph network() {
        ComputationGraph net = new ComputationGraph(TinyLm.configuration());
        net.init();
        return net;
    }

    @Test
    void aPartitionGetsBackTheNetworkThatLastTrainedItWhicheverFinishedFirst() {
        // Under local optimizer state a network carries its partition's Adam moments into the next round; handing
        // them to whichever task asks first made the benchmark's two-worker loss differ from repeat to repeat.
        ComputationGraph first = network();
        ComputationGraph second = network();
        // Workers look networks up by the configuration of an initialised network, as broadcast by the driver.
        ComputationGraphConfiguration conf = first.getConfiguration();
        // The pool is per JVM: empty it of whatever an earlier test kept for this configuration.
        while (WorkerNetworks.take(conf, 0) != null) {
            continue;
        }
        // Partition 1 finished first: the idle networks are now [first, second], newest first.
        WorkerNetworks.release(second, "run-a", 1);
        WorkerNetworks.release(first, "run-a", 0);

        WorkerNetworks.Kept forOne = WorkerNetworks.take(conf, 1);
        WorkerNetworks.Kept forZero = WorkerNetworks.take(conf, 0);
        assertSame(second, forOne.net());
        assertSame(first, forZero.net());
        assertEquals("run-a", forZero.run());

        WorkerNetworks.release(first, "run-a", 0);
        WorkerNetworks.Kept any = WorkerNetworks.take(conf, 7);
        assertSame(first, any.net(), "a partition no network trained takes any idle one");
        assertNull(WorkerNetworks.take(conf, 0), "no network is idle");
    }

    @Test
    void aNetworkHoldingAnotherPartitionsMomentsOfThisRunStaysForIt() {
        // Two partitions on one executor whose tasks do not overlap: the second must not continue the first's moments.
        ComputationGraph net = network();
        ComputationGraphConfiguration conf = net.getConfiguration();
        while (WorkerNetworks.take(conf, 0) != null) {
            continue;
        }
        WorkerNetworks.release(net, "run-a", 0);
        assertNull(WorkerNetworks.take(conf, 1, "run-a"), "partition 0's network taken by partition 1 of its run");
        assertSame(net, WorkerNetworks.take(conf, 1, "run-b").net(), "another run starts it from its own moments");
        WorkerNetworks.release(net, "run-b", 1);
        assertSame(net, WorkerNetworks.take(conf, 1, "run-b").net(), "its own partition takes it");
    }
}
