from factquiz.cli import main

main()
