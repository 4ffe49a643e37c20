// The shape of `third-party-licences.json`, written by `cargo xtask licences` from Cargo.lock
// (through `cargo tree`) and package-lock.json: what ships inside Plenary and under which
// licence. `cargo test -p xtask` fails when it no longer matches the lock files.

export interface Licensed {
  name: string;
  version: string;
  /** SPDX expression as the package declares it. */
  license: string;
}

export interface Licences {
  rust: Licensed[];
  npm: Licensed[];
  /** The briefing book's fonts, and their copyright and licence text (SIL Open Font License). */
  fonts: Licensed[];
  fonts_notice: string;
}
