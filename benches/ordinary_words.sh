#!/usr/bin/env bash
# Regenerates catalog/words/{en,fr,de,es,pt}.txt: ordinary words within one typing error of a catalogue word
# (see catalog/README.md, "Ordinary words"). Run it after adding terms to the catalogue.
# Needs Debian's hunspell dictionaries and unmunch, and the wordfreq word list for German:
#   apt-get install -y hunspell-en-us hunspell-fr hunspell-es hunspell-pt-pt hunspell-tools
#   pip download --no-deps -d /tmp/wordfreq wordfreq && pip install msgpack
# German comes from wordfreq (CC BY-SA 4.0) rather than hunspell-de-de, whose GPL word list cannot be shipped
# in this Apache-2.0 repository.
set -euo pipefail
cd "$(dirname "$0")/.."
WORDFREQ_WHEEL=${WORDFREQ_WHEEL:-$(ls /tmp/wordfreq/wordfreq-*.whl 2>/dev/null | head -n 1)}
# German words from wordfreq seen at least 0.1 times per million words (Zipf 2): rarer entries include misspellings.
GERMAN_MIN_ZIPF=${GERMAN_MIN_ZIPF:-2.0}
cargo build --quiet --example ordinary_words
gen=target/debug/examples/ordinary_words
mkdir -p catalog/words
dic=/usr/share/hunspell
unmunch "$dic/en_US.dic" "$dic/en_US.aff" 2>/dev/null | "$gen" en \
  "Debian hunspell-en-us (SCOWL en_US, Kevin Atkinson and others), expanded with unmunch" \
  "SCOWL licence (permissive; see /usr/share/doc/hunspell-en-us/copyright)" >catalog/words/en.txt
unmunch "$dic/fr.dic" "$dic/fr.aff" 2>/dev/null | "$gen" fr \
  "Debian hunspell-fr (Dicollecte / Grammalecte French dictionary), expanded with unmunch" \
  "MPL-2.0 (this file is a subset of the dictionary and stays under MPL-2.0)" >catalog/words/fr.txt
unmunch "$dic/es_ES.dic" "$dic/es_ES.aff" 2>/dev/null | "$gen" es \
  "Debian hunspell-es (RLA-ES Spanish dictionary, Santiago Bosio), expanded with unmunch" \
  "MPL-1.1 (chosen from GPL-3+ / LGPL-3+ / MPL-1.1+; this file stays under MPL-1.1)" >catalog/words/es.txt
unmunch "$dic/pt_PT.dic" "$dic/pt_PT.aff" 2>/dev/null | "$gen" pt \
  "Debian hunspell-pt-pt (Natura project, University of Minho), expanded with unmunch" \
  "MPL-1.1 (chosen from GPL-2 / LGPL-2.1 / MPL-1.1; this file stays under MPL-1.1)" >catalog/words/pt.txt
python3 - "$WORDFREQ_WHEEL" "$GERMAN_MIN_ZIPF" <<'PY' | "$gen" de \
  "wordfreq 3.1.1 large_de list (Robyn Speer; Wikipedia, subtitles, news, books, web), words of Zipf >= $GERMAN_MIN_ZIPF" \
  "CC BY-SA 4.0 (this file is a subset of the wordfreq data and stays under CC BY-SA 4.0)" >catalog/words/de.txt
import gzip, io, sys, zipfile, msgpack
wheel, min_zipf = sys.argv[1], float(sys.argv[2])
with zipfile.ZipFile(wheel) as z:
    data = msgpack.unpackb(gzip.decompress(z.read("wordfreq/data/large_de.msgpack.gz")), raw=False)
# data[0] is a header; data[i] holds the words of frequency 10^(-i/100), that is Zipf 9 - i/100.
for i, bucket in enumerate(data[1:], start=1):
    if 9 - i / 100 < min_zipf:
        break
    for word in bucket:
        print(word)
PY
wc -l catalog/words/*.txt
