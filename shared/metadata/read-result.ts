// What each per-format reader returns besides the findings it collects.
export interface FormatResult {
  width?: number | undefined;
  height?: number | undefined;
  orientation?: number | undefined;
}
