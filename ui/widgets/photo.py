"""The artisan's photo: from a file or from the webcam (QtMultimedia, only when a camera
exists), cropped to 3:4 around the centre and compressed to a JPEG of about 25 KB."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.i18n import bind, t

TARGET_BYTES = 25_000
SIZE = (300, 400)  # width, height: 3:4


def crop_3_4(image: QImage) -> QImage:
    w, h = image.width(), image.height()
    if w * 4 > h * 3:  # too wide
        cw, ch = h * 3 // 4, h
    else:
        cw, ch = w, w * 4 // 3
    return image.copy((w - cw) // 2, (h - ch) // 2, cw, ch)


def _jpeg(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", quality)
    buffer.close()
    return bytes(data.data())


def prepare_photo(image: QImage, target: int = TARGET_BYTES) -> bytes:
    """Crop to 3:4, scale to 300 × 400 and compress until the JPEG is at most ``target``."""
    if image.isNull():
        raise ValueError("no image")
    scaled = crop_3_4(image).scaled(
        *SIZE, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    scaled = scaled.convertToFormat(QImage.Format.Format_RGB888)
    while True:
        for quality in (85, 75, 65, 55, 45, 35):
            data = _jpeg(scaled, quality)
            if len(data) <= target:
                return data
        if scaled.width() < 120:
            return data
        scaled = scaled.scaled(
            scaled.width() * 4 // 5,
            scaled.height() * 4 // 5,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )


def load_photo_file(path: str) -> bytes:
    image = QImage(path)
    if image.isNull():
        from app.errors import UserFacingError

        raise UserFacingError("error.photo_invalid")
    return prepare_photo(image)


@cache
def camera_available() -> bool:
    """Loading QtMultimedia and its back-end takes about 0.3 s: asked once, the first time a
    photo box is shown, never during start-up."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:  # no multimedia back-end on this machine
        return False
    return bool(QMediaDevices.videoInputs())


class CameraDialog(QDialog):
    """Live view of the first camera; "Take" captures one image."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        bind(self, title="ui.photo.camera_title")
        self.image: QImage | None = None
        self.camera = QCamera(self)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        view = QVideoWidget()
        view.setMinimumSize(480, 360)
        self.session.setVideoOutput(view)
        self.capture.imageCaptured.connect(self._captured)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        take = bind(QPushButton(), text="ui.photo.take")
        take.setDefault(True)
        buttons.addButton(take, QDialogButtonBox.ButtonRole.ActionRole)
        take.clicked.connect(self.capture.capture)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.camera.start()

    def _captured(self, _id: int, image: QImage) -> None:
        self.image = image
        self.camera.stop()
        self.accept()


class PhotoBox(QWidget):
    """Preview (3:4) and the buttons; ``data`` holds the prepared JPEG bytes or None."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(150, 200)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #9aa0a6; background: #f1f3f4;")
        self.from_file = bind(QPushButton(), text="ui.photo.from_file")
        self.from_camera = bind(QPushButton(), text="ui.photo.from_camera")
        self.remove = bind(QPushButton(), text="ui.photo.remove")
        self.size_label = QLabel()
        self.from_camera.setVisible(False)  # until shown: see camera_available
        buttons = QVBoxLayout()
        for b in (self.from_file, self.from_camera, self.remove, self.size_label):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        self.from_file.clicked.connect(self.choose_file)
        self.from_camera.clicked.connect(self.take_picture)
        self.remove.clicked.connect(lambda: self.set_data(None))
        self.set_data(None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.from_camera.setVisible(camera_available())

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, t("ui.photo.from_file"), "", t("ui.photo.file_filter")
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        operations.run(self, lambda: load_photo_file(path), self.set_data)

    def take_picture(self) -> None:
        dialog = CameraDialog(self)
        if dialog.exec() and dialog.image is not None:
            image = dialog.image
            operations.run(self, lambda: prepare_photo(image), self.set_data)

    def set_data(self, data: bytes | None) -> None:
        self.data = data
        self.remove.setEnabled(data is not None)
        if data is None:
            self.preview.setPixmap(QPixmap())
            bind(self.preview, text="ui.photo.none")
            self.size_label.clear()
            self.size_label.setProperty("mihani_tr", {})
        else:
            self.preview.setProperty("mihani_tr", {})
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self.preview.setPixmap(pixmap.scaled(150, 200, Qt.AspectRatioMode.KeepAspectRatio))
            bind(self.size_label, {"kb": round(len(data) / 1000, 1)}, text="ui.photo.size")
        self.changed.emit()
