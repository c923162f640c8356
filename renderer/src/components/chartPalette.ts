/**
 * Chart colours per theme (recharts takes colours as props, not CSS variables). Each keeps at least 3:1 contrast with its chart's background (WCAG's
 * figure for graphics): the light ones against white, the dark ones against the dark panel, where
 * the light theme's blue (#3558d4) would fall to about 2.6:1.
 */
export const PALETTE = {
  light: {
    series: ['#3558d4', '#1f7a4d', '#b45309', '#a21caf', '#0e7490'],
    weighted: '#1c2128',
    plan: '#c9ced6',
    axis: '#5b6472',
    grid: '#dde1e7',
    text: '#1c2128',
    panel: '#ffffff',
  },
  dark: {
    series: ['#8aa4ff', '#5fd39a', '#f2b857', '#e879f9', '#22d3ee'],
    weighted: '#e6e8ec',
    plan: '#4b5263',
    axis: '#9aa3b2',
    grid: '#323744',
    text: '#e6e8ec',
    panel: '#1d2027',
  },
} as const;
export type Palette = (typeof PALETTE)[keyof typeof PALETTE];
