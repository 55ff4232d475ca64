"""How often the legacy code-page guess reads a short line right.

Short lines in 26 languages (written for this check), each encoded in the code
pages it was commonly written in, are decoded by ``newscoder.ingest.text.decode``
from a source tree; every wrong reading is printed, then the count. Compare two
trees to see what a change to the guess moves:

    .venv/bin/python benchmarks/code_pages.py [--src /path/to/other/src]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Manifestation à Abidjan: la police a arrêté dix manifestants.", ("latin-1", "cp1252")),
    ("Demonstranten in Köln: Polizei nahm zwölf Männer fest.", ("latin-1",)),
    ("Protestas en Bogotá: la policía detuvo a diez jóvenes en señal de fuerza.", ("latin-1",)),
    ("Manifestações em São Paulo: polícia prendeu dez pessoas.", ("cp1252",)),
    ("Scontri a Napoli: la polizia ha arrestato tre uomini, però nessun ferito.", ("cp1252",)),
    ("Betogers in Utrecht; de politie heeft één man aangehouden.", ("cp1252",)),
    ("Polisen grep två män efter skottlossningen i Malmö.", ("latin-1",)),
    ("Le café de Kanó a brûlé lundi matin.", ("latin-1",)),
    ("Pakistan’s embassy in Bogotá was ‘attacked’ on Friday.", ("cp1252",)),
    ("Ankara'da gösterici polisle çatıştı; iki kişi yaralandı.", ("cp1254", "iso-8859-9")),
    ("İstanbul'da şiddetli çatışma: üç asker öldü.", ("cp1254",)),
    ("W Gdańsku policja zatrzymała dwóch mężczyzn za kradzież.", ("cp1250", "iso-8859-2")),
    ("Świadkowie mówią, że wąż uciekł z zoo w Łodzi.", ("iso-8859-2",)),
    ("Protest przed Sejmem; ośmiu zatrzymanych.", ("cp1250", "iso-8859-2")),
    ("Policie zadržela dva muže v Třebíči.", ("iso-8859-2", "cp1250")),
    ("Budapesten a rendőrség őrizetbe vett két férfit.", ("cp1250",)),
    ("Policija je u Zagrebu uhitila dvojicu muškaraca zbog krađe.", ("cp1250",)),
    ("Полиция задержала двух мужчин в Москве.", ("koi8-r", "cp1251", "iso-8859-5")),
    ("Протесты в Москве: полиция задержала десять человек.", ("koi8-r", "cp1251", "iso-8859-5")),
    ("Боевики обстреляли село, погибли трое.", ("koi8-r", "cp1251", "iso-8859-5")),
    ("В Ростове взрыв: ранены пять человек.", ("koi8-r", "cp1251", "iso-8859-5")),
    (
        "Митинг в Санкт-Петербурге разогнали, задержаны 40 человек.",
        ("koi8-r", "cp1251", "iso-8859-5"),
    ),
    ("У Києві поліція затримала двох чоловіків.", ("koi8-u", "cp1251", "iso-8859-5")),
    ("Вибух у Харкові: загинули троє людей.", ("koi8-u", "cp1251", "iso-8859-5")),
    ("Обстріл Одеси: поранено сім людей.", ("koi8-u", "cp1251", "iso-8859-5")),
    ("Протест в София: полицията задържа двама мъже.", ("cp1251", "iso-8859-5")),
    ("Полиција је ухапсила два мушкарца у Београду.", ("cp1251", "iso-8859-5")),
    ("Διαδηλώσεις στην Αθήνα: η αστυνομία συνέλαβε δέκα άτομα.", ("cp1253", "iso-8859-7")),
    ("Έκρηξη στη Θεσσαλονίκη, τρεις τραυματίες.", ("cp1253", "iso-8859-7")),
    (
        "Полиция задержала двух мужчин в Москве. Протесты в Москве: полиция задержала "
        "десять человек. Боевики обстреляли село, погибли трое. В Ростове взрыв: ранены "
        "пять человек.",
        ("koi8-r", "cp1251", "iso-8859-5"),
    ),
    ("Poliţia a reţinut doi bărbaţi în Bucureşti după atac.", ("cp1250",)),
    ("Poliția a reținut doi bărbați în București după atac.", ("iso-8859-16",)),
    ("Polícia zadržala dvoch mužov v Košiciach.", ("cp1250", "iso-8859-2")),
    ("Policija sulaikė du vyrus Vilniuje po sprogimo.", ("cp1257", "iso-8859-13")),
    ("Policija aizturēja divus vīriešus Rīgā.", ("cp1257",)),
    ("המשטרה עצרה שני גברים בירושלים.", ("cp1255", "iso-8859-8")),
    ("اعتقلت الشرطة رجلين في بغداد بعد الانفجار.", ("cp1256",)),
    ("Suurmielenosoitus Helsingissä: poliisi pidätti kymmenen henkilöä.", ("latin-1",)),
    ("Politiet anholdt to mænd i Århus efter skyderiet.", ("latin-1",)),
    ("Ataque em Luanda: três mortos, disse a polícia à imprensa.", ("latin-1",)),
    ("Zusammenstöße in Leipzig – Polizei meldet „zahlreiche“ Verletzte.", ("cp1252",)),
    ("Ушедшие в горы боевики объявили о перемирии.", ("koi8-r", "cp1251", "iso-8859-5", "cp866")),
    ("Взрыв в Грозном, погиб один человек.", ("koi8-r", "cp1251", "iso-8859-5")),
    ("Обстрел Донецка.", ("koi8-r", "cp1251", "iso-8859-5")),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from newscoder.ingest.text import decode

    right = wrong = 0
    for text, codecs in CASES:
        for codec in codecs:
            decoded, notes = decode(text.encode(codec))
            if decoded == text:
                right += 1
                continue
            wrong += 1
            print(f"{codec:>12}  {text[:40]}  ->  {decoded[:40]}  ({notes[0][:60]})")
    print(f"{right} right, {wrong} wrong of {right + wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
