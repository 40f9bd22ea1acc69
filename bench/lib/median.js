/** The median of a list of numbers (the mean of the middle two for an even count). */
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
}

module.exports = { median };
