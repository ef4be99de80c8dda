const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds in an ISO 8601 duration with days, hours, minutes and seconds
 * (`PT21M`, `P2D`, `P1DT2H30M`, `PT0.5S`), or `null` when the text is not one.
 * Years, months and weeks are refused: their length depends on the calendar.
 */
export function parseDuration(text: string): number | null {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Math.round(Number(seconds ?? 0) * 1000)
  );
}
