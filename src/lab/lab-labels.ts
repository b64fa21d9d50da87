/* The labels overlay-lab puts on what it makes, in one place: cleanup trusts exactly these. */
import { HELPER_LABEL, LAB_LABEL } from '../docker/access/helper-image';
import { SESSION_LABEL } from '../docker/access/helper-container';

export { HELPER_LABEL, LAB_LABEL, SESSION_LABEL };

/**
 * On the tour's own containers: the tour session (`<pid>-<random>`). Set when the container is
 * created, never written into an image, so a container cannot inherit it from its image.
 */
export const TOUR_LABEL = 'io.overlay-lab.tour';

/**
 * On the tour's images (a Dockerfile LABEL, so the builder's step containers inherit it too and
 * an interrupted build's leftovers can be found). Not a creation label: containers inherit it.
 */
export const TOUR_IMAGE_LABEL = 'io.overlay-lab.tour-image';

/** On containers the test suite starts (test/support/docker.ts). */
export const TEST_LABEL = 'io.overlay-lab.test';

/** On the benchmark's images (bench/docker-layers.ts). */
export const BENCH_LABEL = 'io.overlay-lab.bench';

/**
 * Every image the lab makes is tagged in this repository namespace (overlay-lab/busybox:1,
 * overlay-lab/layers:1, overlay-lab/helper:1, overlay-lab/bench-NN:1, overlay-lab/tour:<session>).
 * The label alone is not proof: an image built FROM a lab image inherits the label, and that
 * image is the user's. A tag outside the namespace means the user claimed the image.
 */
export const LAB_REPOSITORY = 'overlay-lab/';

/**
 * Labels the lab sets on a container when it creates it. Docker copies an image's labels into
 * its containers, so `io.overlay-lab=1` on a container only says its image is a lab image (the
 * user may have run it); one of these, with a value its image does not carry, says the lab
 * started it.
 */
export const CREATION_LABELS: readonly string[] = [HELPER_LABEL, SESSION_LABEL, TOUR_LABEL, TEST_LABEL];

/**
 * Whether an image tag is in the lab's namespace.
 * @example isLabTag('overlay-lab/layers:1') // true
 */
export function isLabTag(tag: string): boolean {
  return tag.startsWith(LAB_REPOSITORY);
}
