/** Names of the report's sheets (what the writers and the pane's preview look up). */
export const SHEET = {
  summary: "Summary",
  weights: "Weights",
  scores: "Scores",
  byGroup: "Coordination by group",
  grades: "Grades",
  density: "Density",
  geodetector: "Geodetector",
  geoDetails: "Geodetector details",
  haken: "Haken",
  differences: "Regional differences",
  transitions: "Transitions",
  obstacles: "Obstacles",
} as const;
