// How the model page's charts dress their axes: one look for the reliability and learning curves.

const GREY = 'var(--mantine-color-gray-7)';

export const AXIS_TICK = { fontSize: 12, fill: GREY };

/** The title under the x axis. */
export const bottomAxisLabel = (value: string) =>
  ({ value, position: 'insideBottom', offset: -16, fontSize: 12, fill: GREY }) as const;

/** The title beside the y axis, read bottom to top. */
export const leftAxisLabel = (value: string) =>
  ({
    value,
    angle: -90,
    position: 'left',
    offset: 2,
    style: { textAnchor: 'middle' },
    fontSize: 12,
    fill: GREY,
  }) as const;
