"""Shapes of the API's tokens and caller (views/auth.py), and of every error response
(`ErrorSerializer`, which the exception handler fills: exceptions.py)."""

from __future__ import annotations

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every error: `detail` says what is wrong in the user's language; a 400 adds
    `{"<field>": ["..."]}` for each field at fault (exceptions.py)."""

    detail = serializers.CharField()


# --- auth and the caller -----------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=150, help_text="NIP (spasi boleh) atau nama pengguna."
    )
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nama perangkat, mis. 'Android Budi', agar token mudah dikenali.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Ditampilkan sekali ini saja; simpan dengan aman.")
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    nama = serializers.CharField()
    instansi_id = serializers.IntegerField()
    pegawai_id = serializers.IntegerField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
