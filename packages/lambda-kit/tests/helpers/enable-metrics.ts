// The jest setup sets POWERTOOLS_DEV, which disables metrics; these tests need the real EMF output.
// Import this file before anything that loads lambda-kit's `metrics` singleton.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
