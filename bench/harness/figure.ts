/** One measurement of one side at one level: named metrics, e.g. perSecond, p50Ms, p99Ms. */
export type Sample = Readonly<Record<string, number>>;

/** Something measured: started once per figure, measured at every level in every run, then stopped. */
export interface Subject {
  measure(level: number): Promise<{ sample: Sample; note?: string }>;
  stop(): Promise<void>;
}

/** How a metric is shown in the markdown table. */
export interface MetricColumn {
  readonly metric: string;
  readonly heading: string;
}

/**
 * A figure of issue 16: the project's side and its comparison, measured at each level. `ratioOf`
 * names the metric whose medians give the ratio project/comparison.
 */
export interface Figure {
  readonly name: string;
  readonly title: string;
  readonly levelHeading: string;
  readonly levels: readonly number[];
  /** How a level is shown (default: the number), e.g. "10k" or a query's name. */
  readonly levelName?: (level: number) => string;
  readonly project: {
    readonly label: string;
    readonly columns: readonly MetricColumn[];
    start(): Promise<Subject>;
  };
  readonly comparison: {
    readonly label: string;
    readonly columns: readonly MetricColumn[];
    start(): Promise<Subject>;
  };
  readonly ratioOf: string;
}
