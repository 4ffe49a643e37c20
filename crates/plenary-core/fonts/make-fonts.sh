#!/bin/sh
# Makes the briefing book's fonts in this folder from Debian's Noto packages, cut down to the
# scripts a briefing book needs (all under the SIL Open Font License 1.1, see OFL.txt):
#
#   apt-get install fonts-noto-core fonts-noto-cjk fonttools
#   sh crates/plenary-core/fonts/make-fonts.sh
#
# - Noto Sans (regular, bold): Latin with its extensions, Greek, Cyrillic, punctuation.
# - Noto Sans Arabic (regular, bold): the Arabic blocks and presentation forms.
# - Noto Sans CJK SC (regular only; bold text in these scripts uses it too): the characters of
#   GB 2312, the common levels of Big5 (traditional Chinese) and JIS X 0208 (Japanese), and the
#   Hangul syllables of KS X 1001 (Korean), with kana, compatibility jamo, CJK punctuation and
#   full-width forms. Rarer characters outside these sets would print as empty boxes.
set -eu
here=$(dirname "$0")
noto=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

latin="U+0020-007E,U+00A0-024F,U+0250-036F,U+0370-03FF,U+0400-052F,U+1E00-1FFF,U+2000-206F,U+20A0-20CF,U+2100-215F,U+2190-21FF,U+2212,U+2215,U+2260-2265,U+25A0-25FF,U+FEFF,U+FFFD"
arabic="U+0020-0040,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF"

for weight in Regular Bold; do
    pyftsubset "$noto/NotoSans-$weight.ttf" --unicodes="$latin" --layout-features='*' \
        --output-file="$here/NotoSans-$weight.ttf"
    pyftsubset "$noto/NotoSansArabic-$weight.ttf" --unicodes="$arabic" --layout-features='*' \
        --output-file="$here/NotoSansArabic-$weight.ttf"
done

# The characters of the four national sets, read from Python's own codecs.
/usr/bin/env python3 - "$here/cjk-characters.txt" <<'EOF'
import sys
chars = set()
# GB 2312 whole; the common (first) levels of Big5 and JIS X 0208; the Hangul of KS X 1001.
leads = {"gb2312": (0xA1, 0xF7), "big5": (0xA1, 0xC6), "shift_jis": (0x81, 0x98), "euc_kr": (0xA1, 0xC8)}
for codec, (first, last) in leads.items():
    for lead in range(first, last + 1):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            chars.update(c for c in text if ord(c) > 0x2E7F)
for low, high in ((0x3000, 0x30FF), (0x3130, 0x318F), (0xFF00, 0xFFEF)):
    chars.update(chr(c) for c in range(low, high + 1))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("".join(sorted(chars)))
EOF
# The subset's characters are too scattered for a cmap format 4 table (64 KB at most): the
# characters go into one format 12 table (Windows, full Unicode), which every current reader
# uses, beside the variation sequences (format 14).
/usr/bin/env python3 - "$cjk" "$here/cjk-characters.txt" "$here/NotoSansCJKsc-Regular.otf" <<'EOF'
import sys
from fontTools import subset, ttLib
font = ttLib.TTFont(sys.argv[1], fontNumber=2)
options = subset.Options()
options.layout_features = ["*"]
subsetter = subset.Subsetter(options)
subsetter.populate(text=open(sys.argv[2], encoding="utf-8").read() + " ")
subsetter.subset(font)
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
table = CmapSubtable.newSubtable(12)
table.platformID, table.platEncID, table.language = 3, 10, 0
table.cmap = dict(font.getBestCmap())
font["cmap"].tables = [table] + [t for t in font["cmap"].tables if t.format == 14]
font.save(sys.argv[3])
EOF
rm "$here/cjk-characters.txt"
ls -l "$here"/*.ttf "$here"/*.otf
