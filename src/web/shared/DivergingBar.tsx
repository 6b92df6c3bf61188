import classes from './diverging-bar.module.css';

type DivergingBarProps = {
  value: number;
  /** the largest value on the chart: its bar fills 80 % of its half, leaving room for the figure */
  largest: number;
  label: string;
  /**
   * solid for a reason; soft for one that comes from the record's context rather than from
   * evidence (it must be said in words too); hatched for a limit imposed from outside (a cap)
   */
  look?: 'solid' | 'soft' | 'hatched';
};

/** One bar of a diverging chart (decorative: the figure it shows must also be said in words nearby). */
export function DivergingBar({ value, largest, label, look = 'solid' }: DivergingBarProps) {
  const width = (Math.abs(value) / Math.max(largest, Number.EPSILON)) * 40;
  const isPositive = value > 0;
  const barClass =
    look === 'hatched'
      ? classes.cap
      : `${isPositive ? classes.positive : classes.negative}${look === 'soft' ? ` ${classes.soft}` : ''}`;
  return (
    <div className={classes.bars} aria-hidden>
      <div className={classes.axis} />
      <div
        className={barClass}
        style={isPositive ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }}
      />
      <span
        className={classes.value}
        style={
          isPositive
            ? { left: `calc(50% + ${width}% + 6px)`, color: 'var(--mantine-color-teal-8)' }
            : { right: `calc(50% + ${width}% + 6px)`, color: 'var(--mantine-color-red-8)' }
        }
      >
        {label}
      </span>
    </div>
  );
}
