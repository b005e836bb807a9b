from audiopost.cli import main

main()
