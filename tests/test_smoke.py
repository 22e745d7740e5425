def test_home_pages_served_in_both_languages(client, starter_content):
    assert client.get("/en/").status_code == 200
    assert client.get("/da/").status_code == 200
