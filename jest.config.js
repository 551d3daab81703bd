/** Jest: TypeScript through ts-jest (transpile only; `npm run lint` type-checks the whole tree). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 120000,
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
};
