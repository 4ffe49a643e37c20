//! A throwaway PostgreSQL cluster with one empty database for the end-to-end tests, which drive
//! `plenary hub init` and `plenary hub add-person` against it as office IT would. Prints the
//! database owner's address on one line (`OWNER_URL=postgres://…`), then keeps the cluster until
//! its standard input closes, and removes it.
//!
//! `cargo run -p plenary-hub --features testing --example test-hub`

use std::io::Read;

fn main() {
    let cluster = plenary_hub::testing::TestCluster::start().unwrap_or_else(|error| {
        eprintln!("test-hub: {error}");
        std::process::exit(1);
    });
    let database = cluster.new_database();
    println!("OWNER_URL={}", database.owner_url);
    // Until the test that started it goes away.
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(database);
    drop(cluster);
}
