/** Number formatting shared by the labs' claims and summaries (plain text, no locale surprises). */

export function pct(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function num(value: number, digits = 0): string {
  const fixed = value.toFixed(digits);
  const [whole, frac] = fixed.split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}
