fn main() {
    gazette::start();
}
