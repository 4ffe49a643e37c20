import { describe, expect, it } from "vitest";
import { savedMessage } from "./report";

describe("the delegate's report", () => {
  it("says where the report was saved and what is left to do", () => {
    expect(savedMessage({ path: "/home/amina/WHA79 delegate report.docx", meeting_title: "WHA79" })).toBe(
      "Saved the delegate's report of WHA79 to /home/amina/WHA79 delegate report.docx. " +
        "Open it in Word or LibreOffice and complete the places highlighted in yellow.",
    );
  });
});
