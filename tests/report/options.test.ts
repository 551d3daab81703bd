import { DEFAULT_OPTIONS, optionSpecs, parseOptions } from "../../src/report/options";

describe("report options", () => {
  it("defaults reproduce the seed paper", () => {
    expect(DEFAULT_OPTIONS).toMatchObject({
      weighting: "entropy",
      scope: "global",
      coupling: "standard",
      closure: "left",
      bandwidth: "silverman",
      discretization: "auto",
      k: 6,
      ddof: 1,
    });
  });
  it("every option has a help line", () => {
    expect(
      optionSpecs()
        .map((h) => h.key)
        .sort(),
    ).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
  });
  it("parses text values", () => {
    const o = parseOptions({
      weighting: "critic",
      shift: "0.0001",
      alpha: "0.4,0.6",
      hakenPair: "2,1",
      bandwidth: "0.05",
      geoPeriods: "2011,2020",
      hakenClusterSE: "yes",
    });
    expect(o.weighting).toBe("critic");
    expect(o.shift).toBe(0.0001);
    expect(o.alpha).toEqual([0.4, 0.6]);
    expect(o.hakenPair).toEqual([1, 0]);
    expect(o.bandwidth).toBe(0.05);
    expect(o.geoPeriods).toEqual([2011, 2020]);
    expect(o.hakenClusterSE).toBe(true);
    expect(DEFAULT_OPTIONS.alpha).toEqual([]);
  });
  it.each([
    [{ weighting: "topsis" }, "option weighting: 'topsis' is not valid; expected entropy, critic"],
    [{ alpha: "0.3,0.3" }, "option alpha: '0.3,0.3' is not valid; expected non-negative weights summing to 1"],
    [{ k: "2.5" }, "option k: '2.5' is not valid; expected an integer ≥ 2 and ≤ 20"],
    [{ hakenPair: "1,1" }, "option hakenPair: '1,1' is not valid; expected two different subsystem numbers, e.g. 1,2"],
    [{ colour: "red" }, "unknown option 'colour'"],
  ])("rejects %p", (raw, msg) => {
    expect(() => parseOptions(raw as Record<string, string>)).toThrow(msg);
  });
});
