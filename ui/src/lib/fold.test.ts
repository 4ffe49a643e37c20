import { describe, expect, it } from "vitest";
import shared from "../../../crates/plenary-core/src/fold_vectors.json";
import { fold } from "./fold";

describe("fold", () => {
  it("agrees with the core on every shared vector", () => {
    expect(shared.vectors.length).toBeGreaterThan(40);
    for (const vector of shared.vectors) {
      expect(fold(vector.input), `fold(${JSON.stringify(vector.input)})`).toBe(vector.folded);
    }
  });

  it("folds letters that have no mark to strip", () => {
    expect(fold("Søren Østergaard")).toBe("soren ostergaard");
    expect(fold("Æsop")).toBe("aesop");
  });
});
