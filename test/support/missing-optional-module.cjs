// linkedom tries `require("cssstyle")` inside try/catch and falls back to its own CSS code when the
// optional package is absent. In a deployed Worker that require throws and is caught; under the
// Workers Vitest pool, an unresolvable require is instead logged (twice) by the module fallback
// service on every test file. The test config aliases the optional name to this file, which
// throws exactly as the missing package would, so tests run the same code path, quietly.
throw new Error('optional module not installed')
