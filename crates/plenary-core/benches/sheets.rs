//! Importing a spreadsheet of 5,000 people (CSV): reading and checking every row for the preview
//! (the forms' own checks and writes, rolled back), and the import itself into an empty data
//! folder. Run with `cargo bench -p plenary-core --bench sheets`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plenary_core::Store;
use plenary_core::portable::Work;
use plenary_core::sheets::{SheetKind, read_sheet};

const PEOPLE: usize = 5_000;
const GIVEN: [&str; 10] = [
    "Amina", "Jonas", "Zoë", "Kwame", "Ingrid", "Hiroshi", "Lucía", "Olu", "Saanvi", "Mateusz",
];
const KINDS: [&str; 3] = ["Representative", "Staff", "Counterpart contact"];

/// A CSV as a spreadsheet program saves it: a byte-order mark, a header, 5,000 distinct people.
fn people_csv() -> Vec<u8> {
    let mut csv = String::from(
        "\u{feff}Kind,Name,Degrees and honorifics,Title,Email,Phone,Expertise,Languages,Home time zone\r\n",
    );
    for n in 0..PEOPLE {
        let given = GIVEN[n % GIVEN.len()];
        csv.push_str(&format!(
            "{},{given} Example-{n},Dr,Adviser,{}.{n}@example.org,+41 22 791 {:04},\"ethics, rural care\",\"English, Français\",Europe/Zurich\r\n",
            KINDS[n % KINDS.len()],
            given.to_lowercase().replace(['ë', 'í'], "e"),
            n
        ));
    }
    csv.into_bytes()
}

fn import_people(c: &mut Criterion) {
    let bytes = people_csv();
    let mut group = c.benchmark_group("sheets");
    group.sample_size(10);
    group.bench_function("read and preview 5,000 people (CSV)", |b| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        b.iter(|| {
            let sheet = read_sheet("people.csv", &bytes).unwrap();
            let preview = store
                .sheet_preview(SheetKind::People, "people.csv", &sheet, Work::quiet())
                .unwrap();
            assert_eq!(preview.new_rows as usize, PEOPLE);
        });
    });
    group.bench_function("import 5,000 people (CSV)", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open_in(dir.path()).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                let sheet = read_sheet("people.csv", &bytes).unwrap();
                let done = store
                    .import_sheet(SheetKind::People, "people.csv", &sheet, Work::quiet())
                    .unwrap();
                assert_eq!(done.added as usize, PEOPLE);
                (dir, store)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, import_people);
criterion_main!(benches);
