package kotoba.pipeline.stage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config record component that says how a stage runs, not what it produces (console cadence, timeouts,
 * whether to resume): it is left out of the stage key, so changing it, or adding such a setting in a later version,
 * neither reruns a finished stage nor discards an interrupted one's checkpoints.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface NotKeyed {}
