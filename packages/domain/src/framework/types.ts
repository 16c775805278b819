/** A criteria framework as data: a tree of criteria with maxima and, on leaves, a scoring rule. */
import type { Hundredths } from '../points.ts';

/** A tier of a ratio rule: from `minPercent` (hundredths of a percent, inclusive) the leaf gets `points`. */
export interface Tier {
  minPercent: number;
  points: Hundredths;
}

export interface Level {
  code: string;
  label: string;
  points: Hundredths;
}

export type Rule =
  /** Points typed by a person within [0, max], optionally in steps (e.g. 0,25). */
  | { type: 'manual'; step?: Hundredths }
  /** Full points when done, else 0. */
  | { type: 'done' }
  /** One of named levels, each worth its points. */
  | { type: 'levels'; levels: Level[] }
  /** numerator ÷ denominator as a percentage, through a tier table (highest tier reached wins). */
  | { type: 'ratio_tiers'; tiers: Tier[]; whenNoDenominator?: 'not_applicable' | 'full' | 'zero' }
  /** numerator ÷ denominator, proportional: full points at `capPercent` (default 100 %), 0 below `floorPercent`. */
  | {
      type: 'ratio_proportional';
      capPercent?: number;
      floorPercent?: number;
      whenNoDenominator?: 'not_applicable' | 'full' | 'zero';
    }
  /** From `start` points, minus `perIncident` for each incident, never below `floor`. */
  | { type: 'deduction'; start: Hundredths; perIncident: Hundredths; floor: Hundredths }
  /** Points = survey index % × max. */
  | { type: 'survey'; surveyCode?: string };

export type RuleType = Rule['type'];

export interface Criterion {
  code: string;
  title: string;
  guidance?: string;
  max: Hundredths;
  /** Leaves only. */
  rule?: Rule;
  evidenceRequired?: boolean;
  /** Can a unit declare it not applicable (removed from the denominator)? */
  mayBeNotApplicable?: boolean;
  /** A bonus or penalty block lies outside the maximum: bonus adds up to max, penalty subtracts up to max. */
  block?: 'bonus' | 'penalty';
  /** Data not confirmed by an official text: shipped as an example. */
  isExample?: boolean;
  children?: Criterion[];
}

export interface Band {
  code: string;
  label: string;
  /** Lower bound of the index, hundredths of a percent, inclusive. */
  minIndex: number;
  isExample?: boolean;
}

export type FrameworkStatus = 'draft' | 'published' | 'retired';

export interface Framework {
  code: string;
  name: string;
  yearFrom: number;
  yearTo?: number | null;
  legalBasis: string[];
  /** Unit kinds the framework applies to. */
  appliesTo: string[];
  /** Stored explicitly (the fields of seed 004 add to 99, not 100). */
  totalMax: Hundredths;
  bands: Band[];
  /** Whether a penalty block may bring the total below zero. */
  allowNegativeTotal?: boolean;
  isExample?: boolean;
  notes?: string;
  /** How this framework's criteria correspond to those of the framework it follows (frameworks
   * change almost every year): for a current code, the earlier code, or null when it is new. */
  comparesWith?: { frameworkCode: string; mapping: Record<string, string | null> };
  criteria: Criterion[];
}
