package kotoba.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kotoba.trainer.ModelShape;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TrainerConfig;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
  private static final TrainConfig BASE = new TrainConfig("tokens", "runs", "base", TrainConfig.Mode.LOCAL, true,
      TrainConfig.Objective.CAUSAL_LM, new ModelShape(2, 64, 4, 0, 64, 0.0, false, 42), TrainerConfig.defaults(100, 1024),
      new SparkOptions(2, 0, 5, 0, "MEMORY_ONLY_SER"));

  @Test
  void gridGivesOneRunPerShapeAndBudgetWithStepsFromTokens() {
    SweepConfig sweep = new SweepConfig("t", "out", List.of(new SweepConfig.Shape(1, 32, 2),
        new SweepConfig.Shape(2, 64, 4)), List.of(10_240L, 51_200L), List.of());
    List<SweepPlan.Planned> plan = SweepPlan.expand(sweep, BASE, s -> 1.0);
    assertEquals(4, plan.size());
    SweepPlan.Planned first = plan.get(0);
    assertEquals("t-L1-d32-h2-D10240", first.runId());
    assertEquals(10, first.config().optim().maxSteps());
    assertEquals(32, first.config().model().dModel());
    assertEquals("out/runs", first.config().output());
    assertEquals(50, plan.get(1).config().optim().maxSteps());
    assertTrue(plan.stream().allMatch(p -> p.config().optim().warmupSteps() <= p.config().optim().maxSteps()));
  }

  @Test
  void impossibleShapeIsSkippedWithAReasonAndTheRestGoesOn() {
    SweepConfig sweep = new SweepConfig("t", "out", List.of(new SweepConfig.Shape(2, 30, 4),
        new SweepConfig.Shape(2, 32, 4)), List.of(2048L), List.of());
    List<SweepPlan.Planned> plan = SweepPlan.expand(sweep, BASE, s -> 1.0);
    assertEquals(2, plan.size());
    assertTrue(plan.get(0).skipReason().contains("does not divide"), plan.get(0).skipReason());
    assertNull(plan.get(1).skipReason());
    assertNotNull(plan.get(1).config());
  }

  @Test
  void isoFlopBudgetsGiveSmallerModelsMoreTokens() {
    SweepConfig sweep = new SweepConfig("iso", "out", List.of(new SweepConfig.Shape(1, 16, 2),
        new SweepConfig.Shape(2, 64, 4)), List.of(), List.of(1e10));
    List<SweepPlan.Planned> plan = SweepPlan.expand(sweep, BASE, (ModelShape s) -> 6.0 * 12 * s.nLayer() * s.dModel() * s.dModel());
    assertEquals(2, plan.size());
    assertTrue(plan.get(0).tokens() > plan.get(1).tokens());
    assertEquals(Math.round(1e10 / (6.0 * 12 * 16 * 16)), plan.get(0).tokens());
  }
}
