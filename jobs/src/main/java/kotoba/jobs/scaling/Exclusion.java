package kotoba.jobs.scaling;

/**
 * Something left out of the fits, and why: a run (diverged, never evaluated), a row or file that could not be read,
 * or a point a selection did not use.
 *
 * @param what the run id, file:line or point it concerns
 * @param reason why it was left out
 */
public record Exclusion(String what, String reason) {}
