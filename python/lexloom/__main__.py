from lexloom.cli import app

app()
