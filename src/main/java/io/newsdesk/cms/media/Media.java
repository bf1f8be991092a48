package io.newsdesk.cms.media;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A library item: one uploaded image, its served original's facts and the text shown around it. */
@Entity
@Table(name = "media")
public class Media {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String sha256;

    public String filename;

    @Column(name = "content_type")
    public String contentType;

    public long bytes;

    public int width;

    public int height;

    public String alt;

    public String caption;

    public String credit;

    @Column(name = "focal_x")
    public Double focalX;

    @Column(name = "focal_y")
    public Double focalY;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public ImageFormat format() {
        return ImageFormat.ofContentType(contentType).orElseThrow();
    }
}
